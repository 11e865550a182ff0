"""Zero-downtime split plans: the migrations that ship an unsafe change safely, with the real names.

Import what you need from the submodules (``reviewer.plans.planner.plan_for``, ``reviewer.plans.model``):
this package imports nothing itself, so a review that prints no plans never loads the recipes.
"""
