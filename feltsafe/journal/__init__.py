"""The journal core: pulse check-ins, the activation journal, rupture and repair, and insights.

Framework-free and stdlib-only (the web app, the JSON API and the command line call it alike):

* `feltsafe.journal.vocab`: protective patterns, regulation tools, repair categories and the
  five pulse check-in questions, with ids for data and labels for people.
* `feltsafe.journal.insights`: plain records in, frozen results out: tools ranked by average
  drop in intensity, recurring triggers and patterns, time to repair, the check-in trend with a
  rolling mean, and `explain()`, the words the insights page shows beside each figure.
* `feltsafe.journal.csvio`: journal CSV import (every bad row reported by line number) and
  export (safe to open in a spreadsheet).
* `feltsafe.journal.cli`: the `feltsafe journal insights FILE.csv [--json]` command, as a Typer
  sub-app for the main command line to mount.
"""
