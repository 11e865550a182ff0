"""The app that provides the ``migreview`` management command."""

from __future__ import annotations

from django.apps import AppConfig


class MigreviewConfig(AppConfig):  # type: ignore[misc]
    name = "reviewer.contrib.django"
    label = "migreview"
    verbose_name = "migreview"
