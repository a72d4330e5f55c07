const palette = ["#5b8ff9", "#61ddaa", "#f6bd16", "#7262fd", "#78d3f8", "#9661bc", "#f6903d", "#008685", "#f08bb4", "#65789b"];

function hue(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = [...words[0]!][0] ?? "?";
  const second = words.length > 1 ? ([...words[1]!][0] ?? "") : "";
  return (first + second).toUpperCase();
}

export interface AvatarProps {
  name: string;
  seed: string;
  size?: number;
  imageUrl?: string | null;
  online?: boolean;
  group?: boolean;
  /** Named for assistive technology (e.g. "Group photo"); otherwise decorative, beside a visible name. */
  label?: string;
}

/** A person's photo, or their initials on a colour of their own; a green dot when they are online. */
export function Avatar({ name, seed, size = 40, imageUrl, online, group, label }: AvatarProps) {
  const named = label ? { role: "img", "aria-label": label } : { "aria-hidden": true };
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size * 0.4 }} {...named}>
      {imageUrl ? (
        <img src={imageUrl} alt="" width={size} height={size} />
      ) : (
        <span className="avatar-initials" style={{ background: group ? "#07c160" : hue(seed) }}>
          {group ? <GroupGlyph /> : initials(name)}
        </span>
      )}
      {online ? <span className="presence-dot" /> : null}
    </span>
  );
}

function GroupGlyph() {
  return (
    <svg viewBox="0 0 24 24" width="60%" height="60%" fill="currentColor">
      <path d="M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm7 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM9 13c-3.3 0-7 1.7-7 4v2h14v-2c0-2.3-3.7-4-7-4Zm7 0c-.5 0-1 0-1.5.1 1.5.9 2.5 2.2 2.5 3.9v2h5v-2c0-2.2-3.1-4-6-4Z" />
    </svg>
  );
}
