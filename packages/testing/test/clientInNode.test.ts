import { describeClientAgainstBackendMock } from './support/clientScenarios';
import { nodeHost } from './support/nodeHost';

describeClientAgainstBackendMock(nodeHost());
