#!/usr/bin/python
"""Ansible module: run 'tfgpu-setup probe --json' on a host, return it as ansible_facts.tfgpu."""

from __future__ import annotations

import json
import os

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r"""
module: tfgpu_facts
short_description: What decides whether TensorFlow can use the GPU on this host
description:
  - Runs C(tfgpu-setup probe --json) and returns its facts document as C(ansible_facts.tfgpu),
    with the platform, the driver (version, the CUDA it supports), the GPUs (name, compute
    capability), CUDA and cuDNN installs, the target environment's TensorFlow and the
    variables that matter.
  - Reads only; changes nothing, so it runs in check mode too.
options:
  executable:
    description: The tfgpu-setup command (a path, or a name looked up on PATH).
    type: str
    default: tfgpu-setup
  env:
    description: The Python environment to inspect (the one a plan will target).
    type: path
author: tfgpu-setup maintainers
"""

EXAMPLES = r"""
- name: Probe
  tfgpu.setup.tfgpu_facts:
    executable: /opt/tfgpu/tool/bin/tfgpu-setup
    env: /opt/tfgpu/env

- name: Hosts whose driver is older than 525
  ansible.builtin.debug:
    msg: "{{ ansible_facts.tfgpu.driver.version }}"
  when: ansible_facts.tfgpu.driver.version is version('525', '<')
"""

RETURN = r"""
ansible_facts:
  description: C(tfgpu) is the facts document of C(tfgpu-setup probe --json).
  returned: success
  type: dict
"""


def main() -> None:
    module = AnsibleModule(
        argument_spec={
            "executable": {"type": "str", "default": "tfgpu-setup"},
            "env": {"type": "path"},
        },
        supports_check_mode=True,
    )
    executable = module.params["executable"]
    if os.sep not in executable:
        executable = module.get_bin_path(executable) or executable
    if not os.path.isfile(executable):
        module.fail_json(
            msg=f"{executable}: tfgpu-setup is not installed here; install it first (the "
            "tfgpu.setup.fleet role does, except in check mode, which changes nothing)"
        )
    argv = [executable, "probe", "--json"]
    if module.params["env"]:
        argv += ["--env", module.params["env"]]
    rc, out, err = module.run_command(argv, environ_update={"NO_COLOR": "1"})
    try:
        document = json.loads(out)
    except ValueError:
        tail = (err or out).strip()[-500:]
        module.fail_json(msg=f"tfgpu-setup probe printed no JSON (exit {rc}): {tail}", rc=rc)
    if document.get("schema") == "tfgpu-setup/error" or rc != 0:
        module.fail_json(msg=f"tfgpu-setup probe: {document.get('error', out)}", rc=rc)
    module.exit_json(changed=False, ansible_facts={"tfgpu": document})


if __name__ == "__main__":
    main()
