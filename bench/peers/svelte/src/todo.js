import { mount } from "svelte";
import App from "./Todo.svelte";
import "./app.css";

mount(App, { target: document.body });
