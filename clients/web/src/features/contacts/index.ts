export { contactKeys, useContactRequests } from "./api/contacts";
export { PeoplePage } from "./components/people-page";
