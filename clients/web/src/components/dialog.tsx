import { Dialog as SharedDialog, type DialogProps } from "@wechat/ui/dialog";
import { CloseIcon } from "./icons";

export type { DialogProps };

/** The shared modal dialog with the app's close icon. */
export function Dialog(props: Omit<DialogProps, "closeIcon">) {
  return <SharedDialog {...props} closeIcon={<CloseIcon />} />;
}
