export declare const REPO_ROOT: string;
export declare const DEFAULT_FUNCTIONS_DIR: string;
export declare const FUNCTION_NAME_RE: RegExp;
export declare function listFunctionSources(functionsDir?: string): string[];
export declare function isStale(functionsDir: string, name: string): boolean;
export interface BuildRow {
  name: string;
  built: boolean;
  ms: number;
}
export declare function buildFunctions(options?: {
  functionsDir?: string;
  names?: string[];
  ifStale?: boolean;
}): Promise<BuildRow[]>;
