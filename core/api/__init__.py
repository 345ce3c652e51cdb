"""Building blocks shared by every API resource, one module per concern.

- `errors`: one error body for every failure, and the exception handler that produces it;
- `params`: strict query parameters (unknown ones, bad booleans, unknown ordering fields are 400s);
- `pagination`: page-number pagination where bad values are errors;
- `renderers`: CSV with columns taken from the serializer;
- `throttling`: rates read from the settings at each request;
- `schema`: what the OpenAPI schema says about errors and filters;
- `fields` and `serializers`: how records link to each other and describe their fields;
- `viewsets`: the base of every resource's viewset.

Each resource's viewset (`<app>/api.py`) and serializer (`<app>/serializers.py`) only says what is
particular to it; everything an analyst can rely on across resources is decided here, once.
"""
