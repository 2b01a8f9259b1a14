"""Moderation of the forums: members report posts, a post reported by enough members is
hidden until a moderator reviews it, moderators' actions are logged (and shown on the
topic), and a moderator may mute a member in a space for a time."""
