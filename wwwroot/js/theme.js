// Dark mode, remembered per browser. Falls back to the system preference until the user chooses.
const key = "ainews-theme";

export function isDark() {
    const stored = localStorage.getItem(key);
    if (stored) return stored === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function remember(dark) {
    localStorage.setItem(key, dark ? "dark" : "light");
}
