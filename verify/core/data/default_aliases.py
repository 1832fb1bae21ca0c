"""Default alias book: well-known technology companies and the other names the press uses for them.

Plain data (canonical name -> kind and aliases) so the service layer can store it and users can edit it.
Legal suffixes (Inc., Corp., AG...) are stripped before matching and need not be listed.
"""

DEFAULT_ALIASES: dict[str, dict[str, object]] = {
    "Alphabet": {"kind": "org", "aliases": ["Google", "Alphabet Inc"]},
    "Amazon": {"kind": "org", "aliases": ["Amazon.com", "AWS", "Amazon Web Services"]},
    "AMD": {"kind": "org", "aliases": ["Advanced Micro Devices"]},
    "Apple": {"kind": "org", "aliases": ["Apple Computer"]},
    "ARM": {"kind": "org", "aliases": ["Arm Holdings", "Arm Ltd"]},
    "ByteDance": {"kind": "org", "aliases": ["Byte Dance"]},
    "Cisco": {"kind": "org", "aliases": ["Cisco Systems"]},
    "Dell": {"kind": "org", "aliases": ["Dell Technologies"]},
    "Hasselblad": {"kind": "org", "aliases": []},
    "HP": {"kind": "org", "aliases": ["Hewlett-Packard", "HP Inc", "Hewlett Packard"]},
    "Huawei": {"kind": "org", "aliases": ["Huawei Technologies"]},
    "IBM": {"kind": "org", "aliases": ["International Business Machines"]},
    "Intel": {"kind": "org", "aliases": ["Intel Corporation"]},
    "Leica": {"kind": "org", "aliases": ["Leica Camera"]},
    "Mellanox": {"kind": "org", "aliases": ["Mellanox Technologies"]},
    "Meta": {"kind": "org", "aliases": ["Facebook", "Facebook Inc", "Meta Platforms", "FB"]},
    "Microsoft": {"kind": "org", "aliases": ["MSFT", "Microsoft Corporation"]},
    "NVIDIA": {"kind": "org", "aliases": ["Nvidia Corporation"]},
    "OnePlus": {"kind": "org", "aliases": ["One Plus"]},
    "OpenAI": {"kind": "org", "aliases": ["Open AI"]},
    "Oppo": {"kind": "org", "aliases": []},
    "Oracle": {"kind": "org", "aliases": ["Oracle Corporation"]},
    "Qualcomm": {"kind": "org", "aliases": []},
    "Samsung": {"kind": "org", "aliases": ["Samsung Electronics"]},
    "Sony": {"kind": "org", "aliases": ["Sony Group"]},
    "Tesla": {"kind": "org", "aliases": ["Tesla Motors"]},
    "TikTok": {"kind": "org", "aliases": ["Tik Tok", "Douyin"]},
    "TSMC": {"kind": "org", "aliases": ["Taiwan Semiconductor Manufacturing", "Taiwan Semiconductor"]},
    "Twitter": {"kind": "org", "aliases": ["X Corp"]},
    "Vivo": {"kind": "org", "aliases": []},
    "Walmart": {"kind": "org", "aliases": ["Wal-Mart"]},
    "Xiaomi": {"kind": "org", "aliases": ["Mi", "Redmi"]},
}


def _merged() -> dict[str, dict[str, object]]:
    """The technology list above with the names across scripts (`world_aliases`) added to it."""
    from verify.core.data.world_aliases import WORLD_ALIASES

    merged = {name: {"kind": entry["kind"], "aliases": list(entry["aliases"])}
              for name, entry in DEFAULT_ALIASES.items()}
    for name, entry in WORLD_ALIASES.items():
        known = merged.setdefault(name, {"kind": entry["kind"], "aliases": []})
        known["aliases"] = [*known["aliases"], *(a for a in entry["aliases"] if a not in known["aliases"])]
    return merged


DEFAULT_ALIASES = _merged()
