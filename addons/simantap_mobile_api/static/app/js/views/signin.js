// Sign in once: the Odoo login and password, and this phone's id (made once, kept).

import { ApiError } from "../api.js";
import { h, mount } from "../ui.js";

export function render(app, root) {
  const { t } = app;
  const message = h("p", { class: "message", id: "signin-message", role: "alert" });
  const login = h("input", { id: "login", name: "login", autocomplete: "username", autocapitalize: "none", required: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const button = h("button", { class: "big primary", type: "submit", id: "signin-button" }, t("sign_in"));

  async function submit(event) {
    event.preventDefault();
    if (!app.online()) {
      message.textContent = t("need_network");
      return;
    }
    button.disabled = true;
    button.textContent = t("signing_in");
    message.textContent = "";
    try {
      const result = await app.api.post("/auth/sign-in", {
        login: login.value.trim(),
        password: password.value,
        device_id: app.state.deviceId,
        device_model: navigator.userAgentData?.platform ? `Web (${navigator.userAgentData.platform})` : "Web",
        platform: (navigator.userAgentData?.platform || navigator.platform || "web").slice(0, 64),
        app_version: "web-18.0.1.0.0",
      });
      await app.signedIn(result);
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error);
      message.dataset.code = error.code || "";
      button.disabled = false;
      button.textContent = t("sign_in");
    }
  }

  mount(
    root,
    h(
      "form",
      { class: "card", onsubmit: submit, id: "signin-form" },
      h("h1", {}, t("sign_in_title")),
      h("p", {}, t("sign_in_intro")),
      h("label", { for: "login" }, t("login")),
      login,
      h("label", { for: "password" }, t("password")),
      password,
      message,
      button,
    ),
  );
  login.focus();
}
