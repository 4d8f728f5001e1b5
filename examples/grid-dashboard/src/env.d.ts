interface ImportMetaEnv {
  readonly VITE_FRAMETEL_ENDPOINT?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
