"""Stage 5: reporters. They format a ReviewResult; they never decide anything."""

from reviewer.options import FailOn
from reviewer.report.github import render_github
from reviewer.report.json_report import render_json, result_to_dict
from reviewer.report.markdown import render_markdown
from reviewer.report.sarif import render_sarif, result_to_sarif
from reviewer.report.text import render_text
from reviewer.result import ReviewResult

FORMATS = ("text", "json", "sarif", "github", "markdown")


def render_report(
    result: ReviewResult, output: str, fail_on: FailOn, *, colour: bool = False, pretty: bool = False
) -> str:
    """``result`` in one of ``FORMATS``; paths in SARIF, GitHub and Markdown are relative to the working
    directory."""
    if output == "json":
        return render_json(result, fail_on, pretty=pretty)
    if output == "sarif":
        return render_sarif(result)
    if output == "github":
        return render_github(result)
    if output == "markdown":
        return render_markdown(result, fail_on)
    if output == "text":
        return render_text(result, colour=colour)
    raise ValueError(f"unknown format {output!r} (expected one of {', '.join(FORMATS)})")


__all__ = [
    "FORMATS",
    "render_github",
    "render_json",
    "render_markdown",
    "render_report",
    "render_sarif",
    "render_text",
    "result_to_dict",
    "result_to_sarif",
]
