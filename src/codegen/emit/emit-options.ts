export interface EmitOptions {
  /**
   * The module specifier of the runtime as seen from a service folder of the output,
   * such as `../../src/runtime/index.js`.
   */
  readonly runtimeImport: string;
}
