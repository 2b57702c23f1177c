import { render } from "solid-js/web";
import { For } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import "./app.css";

// Immutable records in, fine-grained updates out: a store reconciled by id.
function Rows() {
  const [state, setState] = createStore({ rows: [] });
  const set = (next) => setState("rows", reconcile(next, { key: "id" }));
  const remove = (id) => set(state.rows.filter((r) => r.id !== id));
  window.bench = { set, update: set, swap: set, remove, clear: () => set([]) };
  return (
    <main class="main">
      <div class="list" data-testid="rows">
        <div class="list-items">
          <For each={state.rows}>
            {(row) => (
              <div class="item" data-testid="rows-item">
                <div class="row align-center">
                  <p class="text text-body">{row.id}</p>
                  <a class="link" href="#/">{row.label}</a>
                  <button class="btn btn-danger" type="button" onClick={() => remove(row.id)}>x</button>
                </div>
              </div>
            )}
          </For>
        </div>
      </div>
    </main>
  );
}

render(() => <Rows />, document.body);
