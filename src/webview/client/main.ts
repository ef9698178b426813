// Runs inside the event-details webview (DOM only).
export {};
