"""The partnership survey: each structure declares its partners, its needs and what it
can offer; a tie is confirmed when both sides declare it (docs/SURVEY.md).

- `ess_graph.survey.model`: what an answer holds and how it is checked;
- `ess_graph.survey.campaigns`: campaigns, personal links (tokens) and answers in the
  workspace file;
- `ess_graph.survey.follow`: the figures a coordinator follows (response rates, ties
  declared by both sides or one, partners named outside the roster);
- `ess_graph.survey.apply`: bringing the answers into the network (journaled, undoable);
- `ess_graph.survey.export`: the answers as tables of a workspace export, pseudonymised
  with the network when it is (tokens and contacts never leave the workspace).
"""
