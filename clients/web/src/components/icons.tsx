import type { SVGProps } from "react";

// Small inline icons (no icon font to download); decorative: the controls carry the accessible names.
function icon(path: string) {
  return function Icon(props: SVGProps<SVGSVGElement>) {
    return (
      <svg viewBox="0 0 24 24" width="22" height="22" fill="currentColor" aria-hidden="true" focusable="false" {...props}>
        <path d={path} />
      </svg>
    );
  };
}

export const ChatIcon = icon("M12 3C6.5 3 2 6.9 2 11.6c0 2.6 1.4 5 3.7 6.5L5 21.5l3.8-2c1 .3 2.1.4 3.2.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3Z");
export const ContactsIcon = icon("M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z");
export const SignOutIcon = icon("M10 17v-3H3v-4h7V7l5 5-5 5Zm3-14h6a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-6v-2h6V5h-6V3Z");
export const SettingsIcon = icon("M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1L11 21h4l.4-2.9a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z");
export const PlusIcon = icon("M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6V5Z");
export const BackIcon = icon("M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12l6.6-6.6Z");
export const MoreIcon = icon("M5 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm7 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm7 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z");
export const ImageIcon = icon("M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 12.6V18h16v-3.4l-4.5-4.6-4.2 4.4-2.8-2.8L4 16.6ZM8 7a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z");
export const FileIcon = icon("M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5Z");
export const SendIcon = icon("M3 20.5 21 12 3 3.5 3 10l12 2-12 2v6.5Z");
export const MutedIcon = icon("M16.5 12A4.5 4.5 0 0 0 14 8v2.2l2.5 2.5V12ZM19 12a7 7 0 0 1-.6 2.8l1.5 1.5A9 9 0 0 0 21 12a9 9 0 0 0-7-8.8v2A7 7 0 0 1 19 12ZM4.3 3 3 4.3 7.7 9H3v6h4l5 5v-6.7l4.3 4.2a7 7 0 0 1-2.3 1.3v2a9 9 0 0 0 3.7-1.8l2 2 1.3-1.3L4.3 3ZM12 4 9.9 6.1 12 8.2V4Z");
export const SearchIcon = icon("M15.5 14h-.8l-.3-.3A6.5 6.5 0 1 0 14 15.5l.3.3v.8l5 5 1.5-1.5-5-5Zm-6 0a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9Z");
export const CloseIcon = icon("M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4Z");
export const CheckIcon = icon("M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z");
export const DoubleCheckIcon = icon("M18 7l-1.4-1.4-6.3 6.3 1.4 1.4L18 7Zm4.2-1.4L11.7 16.2 7.5 12l-1.4 1.4 5.6 5.6 12-12-1.5-1.4ZM.4 13.4 6 19l1.4-1.4L1.8 12 .4 13.4Z");
export const ClockIcon = icon("M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16Zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7V7Z");
export const OfflineIcon = icon("M23.6 7A17 17 0 0 0 6.3 4.3l2 2a14.5 14.5 0 0 1 14 2.5L23.6 7ZM3.3 2 2 3.3l2.1 2.1A17 17 0 0 0 .4 7L12 21.5l3.9-4.9 4.8 4.8 1.3-1.3L3.3 2Z");
