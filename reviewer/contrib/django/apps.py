"""The app that provides the ``migreview`` management command."""

from __future__ import annotations

from django.apps import AppConfig  # type: ignore[import-untyped]


class MigreviewConfig(AppConfig):  # type: ignore[misc]
    name = "reviewer.contrib.django"
    label = "migreview"
    verbose_name = "migreview"
