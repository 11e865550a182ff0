"""GitHub's REST API as the bot uses it: App authentication, a resilient HTTP client, typed endpoints."""
