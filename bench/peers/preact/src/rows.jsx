import { render, Component } from "preact";
import { useState } from "preact/hooks";
import "./app.css";

// A row renders again only when its record changed (records are immutable).
class Row extends Component {
  shouldComponentUpdate(next) { return next.row !== this.props.row; }
  render({ row, remove }) {
    return (
      <div class="item" data-testid="rows-item">
        <div class="row align-center">
          <p class="text text-body">{row.id}</p>
          <a class="link" href="#/">{row.label}</a>
          <button class="btn btn-danger" type="button" onClick={() => remove(row.id)}>x</button>
        </div>
      </div>
    );
  }
}

function Rows() {
  const [rows, setRows] = useState([]);
  const remove = (id) => setRows((rs) => rs.filter((r) => r.id !== id));
  window.bench = { set: setRows, update: setRows, swap: setRows, remove, clear: () => setRows([]) };
  return (
    <main class="main">
      <div class="list" data-testid="rows">
        <div class="list-items">
          {rows.map((row) => <Row key={row.id} row={row} remove={remove} />)}
        </div>
      </div>
    </main>
  );
}

render(<Rows />, document.body);
