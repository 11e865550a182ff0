"""One module per recipe; each maps the rule ids it serves to a ``build`` function."""
