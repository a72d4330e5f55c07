export { mediaKeys, uploadMedia, uploadTypeOf, useMedia, UploadError } from "./api/media";
export { FileMessage, ImageMessage } from "./components/media-views";
