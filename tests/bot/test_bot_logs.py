"""Log lines are JSON and carry the delivery id and job being worked on."""

from __future__ import annotations

import json
import logging

from bot import logs


def test_a_log_line_is_json_with_the_delivery_id_and_extra_fields() -> None:
    record = logging.LogRecord("bot.webhook", logging.INFO, __file__, 1, "webhook %s", ("queued",), None)
    record.status = 202
    delivery = logs.delivery_id.set("72d3162e-cc78-11e3-81ab-4c9367dc0958")
    job = logs.job_key.set("octo/shop#2@abc")
    try:
        line = json.loads(logs.JsonFormatter().format(record))
    finally:
        logs.delivery_id.reset(delivery)
        logs.job_key.reset(job)
    assert line["message"] == "webhook queued" and line["level"] == "info"
    assert line["delivery_id"] == "72d3162e-cc78-11e3-81ab-4c9367dc0958"
    assert line["job"] == "octo/shop#2@abc" and line["status"] == 202
