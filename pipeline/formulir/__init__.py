"""The staff web form (DESIGN §9): Decap CMS served at `/admin/`, configured from the schema.

`config.py` generates Decap's `config.yml` from `schema/item.schema.json` and
`content/units.yaml`, so the form, the checker, the site and the Sikedip payload share
one description of an item.
"""
