import type { Deps } from "../core/deps";
import type { TokenVerifier } from "./auth";

export interface ApiDeps extends Deps {
  auth: TokenVerifier;
}
