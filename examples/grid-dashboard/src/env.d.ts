interface ImportMetaEnv {
  readonly VITE_FRAMETEL_ENDPOINT?: string;
  /** Prefix that turns a trace id into a link in the overlay, e.g. http://127.0.0.1:16686/trace/ */
  readonly VITE_FRAMETEL_TRACE_URL?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
