"""The built-in components, one folder each: the model and its rules (``__init__.py``), the web
renderer (``web.js``, ``web.css``), the mobile renderer (``mobile.jsx.jinja``) and widget
(``mobile.tsx``). Each folder's ``KIND`` is registered under the ``appforge.components`` entry
points in pyproject.toml, as a plugin's would be (see :mod:`appforge.kinds.component`)."""
