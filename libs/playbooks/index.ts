// The public face of libs/playbooks: what other contexts and the apps may import (as @app/playbooks).
export * from './playbook.entity';
export * from './playbooks.module';
export * from './playbooks.service';
