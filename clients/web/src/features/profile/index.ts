export { LanguageSelect, MyAvatar, ProfileDialog } from "./components/profile-dialog";
