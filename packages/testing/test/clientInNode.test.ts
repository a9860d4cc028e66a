import { describeClientAgainstBackendMock } from './support/clientScenarios';

describeClientAgainstBackendMock();
