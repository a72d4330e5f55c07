export { contactKeys, useContactRequests, useContacts } from "./api/contacts";
export { PeoplePage } from "./components/people-page";
