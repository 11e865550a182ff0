"""``python manage.py migreview``: add ``"reviewer.contrib.django"`` to ``INSTALLED_APPS``.

Unlike the command line, this runs inside the project: Django's own migration loader finds every app's
migration files, the configured database decides the target (vendor and server version), and the real
``sqlmigrate`` SQL of each reported operation is attached to its findings. The files are still reviewed
the same way (parsed, replayed), so the verdicts match ``migreview`` on the same files.
"""
