export { registerWebDevice, useSessionState, useSignIn, useSignOut, useSignUp } from "./api/auth";
export { SignInForm, SignUpForm } from "./components/auth-forms";
