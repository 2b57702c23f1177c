import { render } from "solid-js/web";
import { createSignal, createEffect, For, Show } from "solid-js";
import "./app.css";

const KEY = "peer-solid:tasks";
function load() {
  try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch { return []; }
}

function App() {
  const [tasks, setTasks] = createSignal(load());
  const [draft, setDraft] = createSignal("");
  const [filter, setFilter] = createSignal("all");
  const [route, setRoute] = createSignal(location.hash || "#/");
  window.addEventListener("hashchange", () => setRoute(location.hash || "#/"));
  createEffect(() => { try { localStorage.setItem(KEY, JSON.stringify(tasks())); } catch {} });
  createEffect(() => { document.title = route() === "#/about" ? "About" : "Tasks"; });
  const add = () => {
    setTasks([...tasks(), { title: draft().trim(), done: false }]);
    setDraft("");
  };
  const toggle = (task, done) => setTasks(tasks().map((t) => (t === task ? { ...t, done } : t)));
  const remove = (task) => setTasks(tasks().filter((t) => t !== task));
  const shown = (task) => filter() === "all" || task.done === (filter() === "done");
  return (
    <>
      <header class="header">
        <nav class="nav" aria-label="Main">
          <a class="nav-link" href="#/" aria-current={route() === "#/" ? "page" : undefined}>Tasks</a>
          <a class="nav-link" href="#/about" aria-current={route() === "#/about" ? "page" : undefined}>About</a>
        </nav>
      </header>
      <main class="main">
        <Show when={route() !== "#/about"} fallback={
          <>
            <h2 class="heading">About</h2>
            <p class="text text-body" data-testid="about-text">Tasks are kept on this device.</p>
            <a class="link" href="#/" data-testid="back">Back to tasks</a>
          </>
        }>
          <h1 class="heading" data-testid="open-count">
            {tasks().filter((t) => !t.done).length} open of {tasks().length}
          </h1>
          <div class="row align-stretch">
            <div class="field">
              <label class="label" for="new-task">New task</label>
              <input class="input" id="new-task" data-testid="new-task" placeholder="What needs doing?"
                     value={draft()} onInput={(e) => setDraft(e.currentTarget.value)} />
            </div>
            <button class="btn btn-primary" type="button" data-testid="add"
                    disabled={draft().trim() === ""} onClick={add}>Add</button>
          </div>
          <div class="field">
            <label class="label" for="filter">Show</label>
            <select class="input" id="filter" data-testid="filter" value={filter()}
                    onChange={(e) => setFilter(e.currentTarget.value)}>
              <option value="all">all</option><option value="open">open</option>
              <option value="done">done</option>
            </select>
          </div>
          <div class="list" data-testid="tasks">
            <Show when={tasks().length === 0}><p class="text text-muted empty">Nothing to do</p></Show>
            <div class="list-items">
              <For each={tasks()}>
                {(task) => (
                  <div class="item" data-testid="tasks-item">
                    <div class="row align-stretch" hidden={!shown(task)}>
                      <label class="check">
                        <input type="checkbox" data-testid="done" checked={task.done}
                               onChange={(e) => toggle(task, e.currentTarget.checked)} />
                        <span>{task.title}</span>
                      </label>
                      <button class="btn btn-danger" type="button" data-testid="delete"
                              onClick={() => remove(task)}>Delete</button>
                    </div>
                  </div>
                )}
              </For>
            </div>
          </div>
        </Show>
      </main>
      <div class="toasts" role="status" aria-live="polite" />
    </>
  );
}

render(() => <App />, document.body);
