import { mount } from "svelte";
import App from "./Rows.svelte";
import "./app.css";

mount(App, { target: document.body });
