"""The base every app builds on: content models, QuerySets, formatting, API building blocks, base views,
admin and template tags.

`core` imports Django and libraries only, never an app of this project and never the site layer
(`ngomonitor`): the import-linter contracts in pyproject.toml enforce it. Anything that needs to know a
particular model or app belongs to that app, or to the site layer if it needs several.
"""
