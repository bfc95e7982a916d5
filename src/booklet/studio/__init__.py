"""booklet studio: a local web app over the same content files, for editors who are not programmers.

The YAML files stay the single source of truth: every page of the studio reads them, every
action edits them the way the command line does (through the same library functions), and
whatever the studio does can also be done with ``booklet`` commands.

Layers, data flowing one way:
  paths.py     confines every path a request names to the content folder
  workspace.py the content folder: booklets, versioned files, drafts, problems
  builds.py    builds and staged saves in worker threads, one at a time; newer saves supersede
  preview.py   page images of the last good PDF, and which pages a save changed
  figures.py   the figures table: Turkish-typed values in, surgical edits of figures.yaml out
  imports.py   spreadsheet upload → dry-run table → confirm → undo
  security.py  host and token checks, CSRF, upload limits, security headers (ASGI middleware)
  app.py       the Starlette app, the dashboard and its actions (htmx for partial updates)
  views_*.py   the routes of each tab: figures, text, pages and print
  extract.py   lists the templates' messages in messages.py for the catalogue
  server.py    runs it under uvicorn
"""
