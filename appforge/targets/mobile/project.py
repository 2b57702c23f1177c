"""The mobile project's own files about itself: package.json and its lock named after the app,
and a README that says what is generated, how to run it and how to take it over by hand.

The template's package.json and package-lock.json pin one Expo SDK for every app; only their
``name`` and ``version`` are the app's.
"""

from __future__ import annotations

import json
import re

from appforge import ir


def package_name(app: ir.App) -> str:
    """npm's name for the app: lowercase letters, digits and hyphens from its name (npm
    refuses capitals, spaces and most punctuation; the spec caps a name at 80 characters,
    within npm's 214)."""
    slug = re.sub(r"[^a-z0-9]+", "-", app.name.lower()).strip("-")
    return slug or "app"


def package_json(app: ir.App, template: bytes) -> bytes:
    data = json.loads(template)
    data["name"] = package_name(app)
    data["version"] = app.version  # the spec's is a semantic version, as npm's must be
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def package_lock(app: ir.App, template: bytes) -> bytes:
    """The lock with the app's name and version at its root: `npm install` rewrites a lock
    whose root disagrees with package.json, and a generated project should install clean."""
    data = json.loads(template)
    name, version = package_name(app), app.version
    data["name"] = name
    data["version"] = version
    data["packages"][""]["name"] = name
    data["packages"][""]["version"] = version
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def readme(app: ir.App, template_package: bytes) -> str:
    """README.md of the generated project. The app's name is spec text: control characters
    and the characters Markdown would read as markup, links or HTML are left out of the
    title."""
    node = json.loads(template_package).get("engines", {}).get("node", "")
    expo = json.loads(template_package)["dependencies"]["expo"]
    title = "".join(c for c in app.name if c.isprintable())  # no control characters
    title = re.sub(r"[`<>\[\]\\*_#|]", "", title).strip() or "App"
    return f"""# {title}

This is an [Expo](https://expo.dev) React Native project (Expo SDK {expo.split(".")[0]},
strict TypeScript) that appforge generated from the
app's YAML spec. Every file here except `node_modules/` and `.expo/` is generated.

## Run it

You need Node.js {node} and npm.

```sh
npm install
npx expo start          # then press a (Android), i (iOS) or w (web)
npm run typecheck       # tsc --noEmit, strict
npm test                # jest with @testing-library/react-native
```

## What is where

| path | what it is |
| --- | --- |
| `App.tsx` | navigation: the stacks (and tabs, for `app.nav`) and the deep-link configuration |
| `src/screens/` | one screen per page of the spec |
| `src/components/` | one widget per component kind the app uses |
| `src/app.ts` | the app's settings, theme, models, state and data sources |
| `src/navigation.ts` | the typed params of every page |
| `src/runtime/` | appforge's runtime: state store, actions, values, validation |
| `app.json` | Expo's configuration (name, ids, URL scheme) |

## Changing it

While the app is built by appforge, change the spec and rebuild
(`appforge build --target mobile`): a rebuild replaces every file of this folder except
`node_modules/` and `.expo/`, so edits made here by hand are lost.

To take the project over and edit it by hand from now on, copy this folder out of the build
output (for example `cp -r build/mobile ../my-app`), delete `build.json` from the copy, and
stop rebuilding into it. The copy is a plain Expo project with no dependency on appforge: the
runtime in `src/runtime/` is ordinary TypeScript that you may change like the rest.
"""
