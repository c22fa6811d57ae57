// Steps back through the browser history: the graph page's undo walks back through its focus steps.
export function back() {
    history.back();
}
