"""migreview's GitHub App: a thin shell (HTTP, auth, queue, GitHub's API) around the review engine."""
