import { Controller, Get, Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  activeStates,
  defaultState,
  type Workstream,
  type WorkstreamInteraction,
  WorkstreamsService,
} from 'nestjs-operon';
import { sampleConfig } from '../operon.config.js';

/** The workstream with its state catalogue and its interactions. */
export interface WorkstreamView extends Workstream {
  defaultStateName?: string;
  activeStateNames: string[];
  interactions: WorkstreamInteraction[];
}

@Controller('workstream')
export class WorkstreamController {
  constructor(
    private readonly workstreams: WorkstreamsService,
    @Inject(sampleConfig.KEY)
    private readonly settings: ConfigType<typeof sampleConfig>,
  ) {}

  @Get()
  async show(): Promise<WorkstreamView> {
    // Without an ID, the workstream the token is scoped to.
    const id = this.settings.workstreamId;
    const [workstream, { interactions }] = await Promise.all([
      this.workstreams.getWorkstream(id),
      this.workstreams.getWorkstreamInteractions(id),
    ]);
    return {
      ...workstream,
      // The state helpers work on the workstream already fetched.
      defaultStateName: defaultState(workstream)?.name,
      activeStateNames: activeStates(workstream).map((state) => state.name),
      interactions,
    };
  }
}
