"""Stage 5: reporters. They format a ReviewResult; they never decide anything."""

from reviewer.report.github import render_github
from reviewer.report.json_report import render_json, result_to_dict
from reviewer.report.markdown import render_markdown
from reviewer.report.sarif import render_sarif, result_to_sarif
from reviewer.report.text import render_text

__all__ = [
    "render_github",
    "render_json",
    "render_markdown",
    "render_sarif",
    "render_text",
    "result_to_dict",
    "result_to_sarif",
]
