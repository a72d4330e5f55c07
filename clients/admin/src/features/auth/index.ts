export { isForbidden, useMe, useSessionState, useSignOut } from "./api/auth";
export { SignInForm } from "./components/sign-in-form";
