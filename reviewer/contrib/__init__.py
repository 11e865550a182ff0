"""Integrations with the tools a Django team already runs."""
