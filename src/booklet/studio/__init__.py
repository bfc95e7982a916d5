"""booklet studio: a local web app over the same content files, for editors who are not programmers.

The YAML files stay the single source of truth: every page of the studio reads them, every
action edits them the way the command line does (through the same library functions), and
whatever the studio does can also be done with ``booklet`` commands.

Layers, data flowing one way:
  paths.py     confines every path a request names to the content folder
  workspace.py the service layer: booklets, versioned files, staged saves, drafts, builds
  preview.py   page images of the last good PDF, and which pages a save changed
  figures.py   the figures table: Turkish-typed values in, surgical edits of figures.yaml out
  imports.py   spreadsheet upload → dry-run table → confirm → undo
  security.py  host and token checks, CSRF, upload limits, security headers (ASGI middleware)
  app.py       the Starlette routes and Jinja2 templates (htmx for partial updates)
  server.py    runs it under uvicorn
"""
