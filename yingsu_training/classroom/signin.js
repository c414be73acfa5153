// The classroom sign-in: once per browser. The trainee's name and 单位 are kept in this
// browser's localStorage, so every notebook of the day finds them without asking again; the
// kernel learns them through the widget's synced traits (name, unit).
// It also keeps the trainee to one live kernel: the kernel of the page opened before (another
// lesson, a reloaded page, a second tab) is shut down when this page takes over.
const KEY = "yingsu.trainee";
const KERNEL_KEY = "yingsu.kernel";

function stored() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || "null");
    return v && typeof v.name === "string" && v.name.trim() ? v : null;
  } catch (e) {
    return null;
  }
}

function pageConfig() {
  const el = document.getElementById("jupyter-config-data");
  try {
    return el ? JSON.parse(el.textContent) : {};
  } catch (e) {
    return {};
  }
}

function xsrf() {
  const m = document.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : "";
}

function serverBase() {
  return (pageConfig().baseUrl || "/").replace(/\/?$/, "/");
}

// the server remembers who signed in on this browser (a cookie it signs): the landing page's
// 学习进度 shows this trainee only
function tellServer(person) {
  fetch(serverBase() + "yingsu/sign-in", {
    method: "POST", credentials: "same-origin",
    headers: { "X-XSRFToken": xsrf(), "Content-Type": "application/json" },
    body: JSON.stringify({ name: person.name, unit: person.unit || "" }),
  }).catch(() => {});
}

function oneKernelPerTrainee() {
  const config = pageConfig();
  const mine = config.kernelId;
  if (!mine) return;
  const before = localStorage.getItem(KERNEL_KEY);
  localStorage.setItem(KERNEL_KEY, mine);
  if (before && before !== mine) {
    fetch(serverBase() + "yingsu/release/" + encodeURIComponent(before), {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "X-XSRFToken": xsrf() },
    }).catch(() => {});
  }
}

function render({ model, el }) {
  el.classList.add("yingsu-sign-in");
  // a trainee's page shows this kernel: its live widgets may start polling the answer store
  model.send({ event: "page" });
  const box = document.createElement("div");
  el.appendChild(box);

  function send(person) {
    model.set("name", person.name);
    model.set("unit", person.unit || "");
    model.save_changes();
    tellServer(person);
  }

  function showSignedIn(person) {
    box.innerHTML = "";
    const who = document.createElement("span");
    who.className = "yingsu-signed-in";
    who.textContent = "学员：" + person.name + (person.unit ? "（" + person.unit + "）" : "");
    const change = document.createElement("button");
    change.type = "button";
    change.textContent = "不是我，重新签到";
    change.addEventListener("click", () => {
      localStorage.removeItem(KEY);
      send({ name: "", unit: "" });
      showForm();
    });
    box.append(who, change);
    const flag = model.get("flag");
    if (flag) {
      const note = document.createElement("div");
      note.className = "yingsu-sign-in-note";
      note.textContent = flag;
      box.appendChild(note);
    }
  }

  function showForm() {
    box.innerHTML = "";
    const roster = model.get("roster") || [];
    const title = document.createElement("div");
    title.innerHTML = "<b>签到</b>（每台电脑只需签到一次，今天的各个页面都会记住你）";
    const name = document.createElement("input");
    name.placeholder = "姓名";
    name.setAttribute("aria-label", "姓名");
    const unit = document.createElement("input");
    unit.placeholder = "单位";
    unit.setAttribute("aria-label", "单位");
    const list = document.createElement("datalist");
    list.id = "yingsu-roster-" + Math.random().toString(36).slice(2);
    for (const p of roster) {
      const o = document.createElement("option");
      o.value = p.name;
      if (p.unit) o.label = p.unit;
      list.appendChild(o);
    }
    name.setAttribute("list", list.id);
    name.addEventListener("change", () => {
      const p = roster.find((r) => r.name === name.value.trim());
      if (p && p.unit && !unit.value.trim()) unit.value = p.unit;
    });
    const ok = document.createElement("button");
    ok.type = "button";
    ok.textContent = "签到";
    const msg = document.createElement("div");
    msg.className = "yingsu-sign-in-note";
    ok.addEventListener("click", () => {
      const person = { name: name.value.trim(), unit: unit.value.trim() };
      if (!person.name) {
        msg.textContent = "请填写姓名（可从名单中选择）。";
        return;
      }
      localStorage.setItem(KEY, JSON.stringify(person));
      send(person);
      showSignedIn(person);
    });
    box.append(title, name, unit, list, ok, msg);
  }

  function refresh() {
    const person = stored();
    if (person) showSignedIn(person);
    else showForm();
  }

  model.on("change:flag", refresh);
  const person = stored();
  if (person && (person.name !== model.get("name") || (person.unit || "") !== model.get("unit"))) {
    send(person);
  }
  refresh();
  oneKernelPerTrainee();
}

export default { render };
