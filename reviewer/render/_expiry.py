"""Cheaper model-cache expiry for the long-lived rendering registry.

Django's ``Apps.clear_cache`` expires every cached ``Options`` property of every registered model
whenever the registry changes (each re-render does it twice), so each operation rebuilds every
model's field lists and then the whole relation graph from scratch: O(models) per operation.
"""

from __future__ import annotations

from typing import Any

# Options properties that read other models (through ``_relation_tree``); Django 5.2 lists
# ``_reverse_one_to_one_field_names`` with the forward ones although it reads ``related_objects``.
_REVERSE = ("_relation_tree", "related_objects", "fields_map", "_reverse_one_to_one_field_names")


def keep_forward_caches(apps: Any) -> None:
    """Make ``apps.clear_cache`` expire only what a registry change can make stale.

    A model class's forward caches (its own and inherited fields, managers) are built from the
    class and its bases alone, which never change once the class is made; only the reverse side
    (relations pointing at the model, found through the registry) depends on which classes are
    registered. So a class registered since the last expiry is expired as Django does, and every
    other one loses its reverse caches only, which Django then rebuilds as it always does.
    Relies on Django 5.2's ``Options`` (``FORWARD_PROPERTIES``/``REVERSE_PROPERTIES`` and the
    ``_get_fields_cache`` key ``(forward, reverse, ...)``).
    """
    fresh: set[type] = set()
    register = apps.register_model

    def register_model(app_label: str, model: type) -> None:
        fresh.add(model)
        register(app_label, model)

    def clear_cache() -> None:
        apps.get_swappable_settings_name.cache_clear()
        apps.get_models.cache_clear()
        if not apps.ready:  # as Django: inside bulk_update, expiry waits for its end
            return
        for app_config in apps.app_configs.values():
            for model in app_config.get_models(include_auto_created=True):
                if model in fresh:
                    model._meta._expire_cache()
                else:
                    _expire_reverse(model._meta)
        fresh.clear()

    apps.register_model = register_model
    apps.clear_cache = clear_cache


def _expire_reverse(options: Any) -> None:
    if not options.abstract:
        cached = options.__dict__
        for name in _REVERSE:
            cached.pop(name, None)
    options._get_fields_cache = {key: value for key, value in options._get_fields_cache.items() if not key[1]}
