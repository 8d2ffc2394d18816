"""The meeting workspace: a network held in one SQLite file, edited by several people at
once, with a journal of every change, named snapshots and imports that merge by id.

Public API: `ess_graph.workspace.store` (`Workspace`, `ConflictError`), `.edits`
(add/edit/remove/undo), `.journal`, `.snapshots`, `.merge`, `.privacy`, `.access`.
"""
