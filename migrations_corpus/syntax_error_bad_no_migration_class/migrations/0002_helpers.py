"""Helpers shared by the data migrations of this app."""


def chunked(queryset, size=1000):
    start = 0
    while True:
        batch = list(queryset[start : start + size])
        if not batch:
            return
        yield batch
        start += size
