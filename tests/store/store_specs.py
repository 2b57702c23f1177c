"""Small specs shared by the store tests (written in the spec language, v1)."""

TODO = """\
appforge: 1
app: {name: Tasks, id: com.example.tasks}
include: [pages/*.yaml]
models:
  Task:
    fields:
      title: {type: string, required: true}
state:
  tasks: {type: list, of: Task, default: [], persist: false}
"""

HOME = """\
pages:
  - id: home
    path: /
    body:
      - {type: heading, id: title, text: Tasks}
      - type: row
        children:
          - {type: input, id: draft, bind: state.tasks}
          - {type: button, id: add, label: Add}
      - {type: text, text: first}
      - {type: text, text: second}
"""
